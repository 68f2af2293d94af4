"""The default patience is 10 (Keras' examples often use 10) instead of the 5 the signature
shows. The visible tests always pass patience."""
LOSES = ["hidden_EarlyStopping_properties"]


class EarlyStopping(EarlyStopping):
    def __init__(self, patience=10, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.epoch, self.best_epoch = 0, 0
        self.best_loss, self.best_params = np.inf, None
