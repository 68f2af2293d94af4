"""step_decay divides t / every instead of t // every: a smooth exponential instead of a
staircase. At the visible test's steps 0, 10 and 20 the two agree."""
LOSES = ["hidden_schedules_core", "hidden_schedules_properties"]


def step_decay(lr0, t, drop=0.5, every=10):
    return lr0 * drop ** (np.asarray(t) / every)
