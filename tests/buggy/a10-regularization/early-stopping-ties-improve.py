"""A loss equal to the best so far counts as an improvement (<= instead of <)."""
LOSES = ["test_EarlyStopping", "hidden_EarlyStopping_core"]


class EarlyStopping(EarlyStopping):
    def update(self, val_loss, params):
        self.epoch += 1
        if val_loss <= self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch = float(val_loss), self.epoch
            self.best_params = {k: np.array(v, dtype=float) for k, v in params.items()}
        return self.epoch - self.best_epoch >= self.patience
