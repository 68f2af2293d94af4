"""The best weights are kept by reference (best_params = params), not copied: right as long
as train_epoch returns new arrays (the visible test), wrong when it updates them in place."""
LOSES = ["test_early_stopping", "hidden_early_stopping_properties"]


def early_stopping(params, train_epoch, val_loss, max_epochs=100, patience=5):
    best, best_epoch, best_params, history = np.inf, 0, None, []
    for epoch in range(1, max_epochs + 1):
        params = train_epoch(params)
        loss = val_loss(params)
        history.append(loss)
        if loss < best:
            best, best_epoch, best_params = loss, epoch, params
        elif epoch - best_epoch >= patience:
            break
    return best_params, best_epoch, history
