"""The test is written as "not worse" (not loss >= best - min_delta), which a NaN loss passes: a
diverged epoch becomes the best one. The visible curve has no NaN."""
LOSES = ["hidden_EarlyStopping_core"]


class EarlyStopping(EarlyStopping):
    def update(self, val_loss, params):
        self.epoch += 1
        if not val_loss >= self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch = float(val_loss), self.epoch
            self.best_params = {k: np.array(v, dtype=float) for k, v in params.items()}
        return self.epoch - self.best_epoch >= self.patience
