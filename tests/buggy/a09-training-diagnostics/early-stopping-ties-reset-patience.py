"""A loss equal to the best so far counts as a new low (<= instead of <), so a plateau resets
the patience and moves the best epoch later. The visible run has no ties."""
LOSES = ["test_early_stopping", "hidden_early_stopping_core"]


def early_stopping(params, train_epoch, val_loss, max_epochs=100, patience=5):
    best, best_epoch, best_params, history = np.inf, 0, None, []
    for epoch in range(1, max_epochs + 1):
        params = train_epoch(params)
        loss = val_loss(params)
        history.append(loss)
        if loss <= best:
            best, best_epoch = loss, epoch
            best_params = {name: np.array(p, copy=True) for name, p in params.items()}
        elif epoch - best_epoch >= patience:
            break
    return best_params, best_epoch, history
