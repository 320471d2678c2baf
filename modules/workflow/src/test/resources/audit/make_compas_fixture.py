"""Hand computation in pandas of the COMPAS subgroup audit that workflow AuditAnalysisTest.auditsCompasLikeAHandComputation checks.

Run with Debian's python3 (pandas 1.5): /usr/bin/python3 make_compas_fixture.py ../../../../../../../shared/data/compas-two-years.csv
Writes compas_groups.csv (per group of race, and of race x sex) and compas_disparities.csv, beside this script.
Rows: ProPublica's filters (-30 <= days_b_screening_arrest <= 30, is_recid != -1, c_charge_degree != 'O',
score_text != 'N/A'); decision: score_text is not Low; label: two_year_recid == 1.
"""
import os
import sys

import pandas as pd

from group_rates import rates

here = os.path.dirname(os.path.abspath(__file__))
df = pd.read_csv(sys.argv[1])
df = df[(df.days_b_screening_arrest >= -30) & (df.days_b_screening_arrest <= 30) & (df.is_recid != -1)
        & (df.c_charge_degree != "O") & (df.score_text != "N/A")]
assert len(df) == 6172, len(df)
df = df.assign(y=df.two_year_recid == 1, yhat=df.score_text != "Low")


rows = []
by_race = df.groupby("race").apply(rates)
for race, r in by_race.iterrows():
    rows.append({"grouping": "race", "group": race, **r.to_dict()})
by_race_sex = df.groupby(["race", "sex"]).apply(rates)
for (race, sex), r in by_race_sex.iterrows():
    rows.append({"grouping": "race,sex", "group": f"{race} x {sex}", **r.to_dict()})
pd.DataFrame(rows).to_csv(os.path.join(here, "compas_groups.csv"), index=False, float_format="%.17g")

# disparities by race over the groups of at least 30 rows, and African-American against Caucasian
big = by_race[by_race.n >= 30]
d = []
for metric, name in [("selection_rate", "demographic_parity"), ("tpr", "equal_opportunity"),
                     ("fpr", "false_positive_rate_parity"), ("precision", "predictive_parity"),
                     ("accuracy", "accuracy_parity")]:
    d.append({"name": name + "_difference", "group": "", "value": big[metric].max() - big[metric].min()})
    d.append({"name": name + "_ratio", "group": "", "value": big[metric].min() / big[metric].max()})
    aa, w = by_race.loc["African-American", metric], by_race.loc["Caucasian", metric]
    d.append({"name": metric + "_difference", "group": "African-American", "value": aa - w})
    d.append({"name": metric + "_ratio", "group": "African-American", "value": aa / w})
d.append({"name": "equalized_odds_difference", "group": "",
          "value": max(big.tpr.max() - big.tpr.min(), big.fpr.max() - big.fpr.min())})
pd.DataFrame(d).to_csv(os.path.join(here, "compas_disparities.csv"), index=False, float_format="%.17g")
