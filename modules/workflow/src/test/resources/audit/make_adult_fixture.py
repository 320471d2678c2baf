"""Model and hand computation in pandas for the adult.csv subgroup audit that workflow AuditAnalysisTest.auditsAdultThroughAModelLikeAHandComputation checks.

Run with Debian's python3 (pandas 1.5, torch 1.13): /usr/bin/python3 make_adult_fixture.py ../../../../../../../shared/data/adult.csv
Writes, beside this script:
  adult_income.onnx  a logistic regression on the six numeric columns (age, fnlwgt, education-num, capital-gain,
                     capital-loss, hours-per-week, in that order) with the z-scoring built in; two outputs, the
                     logits of <=50K and >50K
  adult_groups.csv   per group of sex, of race and of race x sex: n, base rate, selection rate, accuracy, TPR, FPR,
                     FNR, precision of the decision softmax(logits)[>50K] >= threshold (the column of that name: the middle of
                     the widest gap between scores near 0.5) against income-per-year == '>50K'
"""
import os
import sys

import numpy as np
import pandas as pd

from group_rates import rates
import torch

here = os.path.dirname(os.path.abspath(__file__))
df = pd.read_csv(sys.argv[1], na_values="?", skipinitialspace=True)
features = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
x = torch.tensor(df[features].to_numpy(dtype=np.float32))
y = torch.tensor((df["income-per-year"] == ">50K").to_numpy().astype(np.int64))
mean, std = x.mean(0), x.std(0)


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        self.linear = torch.nn.Linear(len(features), 2)

    def forward(self, v):
        return self.linear((v - self.mean) / self.std)


torch.manual_seed(0)
model = Model()
opt = torch.optim.LBFGS(model.parameters(), max_iter=200)


def closure():
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    return loss


opt.step(closure)
model.eval()
with torch.no_grad():
    p = torch.softmax(model(x), dim=1)[:, 1].numpy()
    torch.onnx.export(model, x[:1], os.path.join(here, "adult_income.onnx"), opset_version=13, input_names=["x"],
                      output_names=["logits"], dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}})
# a float32 model scored by another runtime may round differently: the threshold is the middle of the widest gap
# between scores in [0.45, 0.55], so no row sits near it
near = np.sort(p[(p > 0.45) & (p < 0.55)])
gap = int(np.argmax(np.diff(near)))
threshold = round(float(near[gap] + near[gap + 1]) / 2, 6)
assert (np.abs(p - threshold) < 1e-5).sum() == 0, "rows within 1e-5 of the threshold"
df = df.assign(y=df["income-per-year"] == ">50K", yhat=p >= threshold)


rows = []
for grouping in (["sex"], ["race"], ["race", "sex"]):
    for key, r in df.groupby(grouping).apply(rates).iterrows():
        name = " x ".join(key) if isinstance(key, tuple) else key
        rows.append({"grouping": ",".join(grouping), "group": name, "threshold": threshold, **r.to_dict()})
pd.DataFrame(rows).to_csv(os.path.join(here, "adult_groups.csv"), index=False, float_format="%.17g")
print(pd.DataFrame(rows).to_string())
