"""The per-group rates both audit fixtures compute by hand (imported by make_compas_fixture.py and
make_adult_fixture.py): a frame with boolean columns y (label positive) and yhat (decision positive)."""
import pandas as pd


def rates(g):
    tp = (g.y & g.yhat).sum()
    fp = (~g.y & g.yhat).sum()
    tn = (~g.y & ~g.yhat).sum()
    fn = (g.y & ~g.yhat).sum()
    div = lambda a, b: a / b if b else float("nan")
    return pd.Series({"n": len(g), "base_rate": g.y.mean(), "selection_rate": g.yhat.mean(),
                      "accuracy": (g.y == g.yhat).mean(), "tpr": div(tp, tp + fn), "fpr": div(fp, fp + tn),
                      "fnr": div(fn, tp + fn), "precision": div(tp, tp + fp)})
