"""A right answer in CS231n's style: np.cov-free covariance, np.linalg.svd(cov) and Xrot / sqrt(S +
eps) for whitening, keepdims statistics for standardization, a dictionary of activation functions
and derivatives for the per-layer statistics, and the initializers as a dictionary of recipes."""
LOSES = []


def init_weights(fan_in, fan_out, method="xavier", seed=0):
    recipes = {"xavier": lambda rng: rng.uniform(low=-np.sqrt(6.0 / (fan_in + fan_out)),
                                                 high=np.sqrt(6.0 / (fan_in + fan_out)), size=(fan_in, fan_out)),
               "he": lambda rng: rng.normal(loc=0.0, scale=np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))}
    if method not in recipes:
        raise ValueError(f"no initializer called {method}")
    return recipes[method](np.random.default_rng(seed))


def layer_statistics(X, weights, activation="tanh", dout=None):
    fwd = {"tanh": np.tanh, "relu": lambda x: x * (x > 0), "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x))}[activation]
    bwd = {"tanh": lambda h: 1 - h * h, "relu": lambda h: 1.0 * (h > 0), "sigmoid": lambda h: h - h * h}[activation]
    cache, h = [], X
    act_mean, act_std = [], []
    for W in weights:
        cache.append(h)
        h = fwd(h.dot(W))
        act_mean.append(h.mean())
        act_std.append(h.std())
    cache.append(h)
    upstream = dout if dout is not None else np.ones(h.shape)
    grad_std = np.empty(len(weights))
    for i in reversed(range(len(weights))):
        local = upstream * bwd(cache[i + 1])
        grad_std[i] = cache[i].T.dot(local).std()
        upstream = local.dot(weights[i].T)
    return dict(act_mean=np.array(act_mean), act_std=np.array(act_std), grad_std=grad_std)


def standardize(X_train, X_other, eps=1e-8):
    mu = np.mean(X_train, axis=0, keepdims=True)
    sigma = np.std(X_train, axis=0, keepdims=True) + eps
    return (X_train - mu) / sigma, (X_other - mu) / sigma


def whiten(X_train, X_other, eps=1e-5):
    mu = np.mean(X_train, axis=0)
    X = X_train - mu
    cov = np.dot(X.T, X) / X.shape[0]
    U, S, V = np.linalg.svd(cov)
    Xrot = np.dot(X, U)
    return Xrot / np.sqrt(S + eps), np.dot(X_other - mu, U) / np.sqrt(S + eps)
