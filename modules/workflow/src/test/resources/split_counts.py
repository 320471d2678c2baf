#!/usr/bin/env python3
"""Independent reference for SplitBuilderTest: row counts of the adult.csv and breast-cancer splits before and
after dropping rows with a missing value ('?' or empty) in any analysed column (all but the split column).
Run: python3 split_counts.py ../../../../../../shared/data
Printed on 2026-11-22: Male 21790 20380 / Female 10771 9782 / class 2: 458 444 / class 4: 241 239"""
import csv
import sys

data = sys.argv[1]
rows = list(csv.DictReader(open(f"{data}/adult.csv")))
for sex in ["Male", "Female"]:
    side = [r for r in rows if r["sex"] == sex]
    complete = [r for r in side if all(v.strip() not in ("?", "") for k, v in r.items() if k != "sex")]
    print(sex, len(side), len(complete))
rows = list(csv.DictReader(open(f"{data}/breast-cancer-wisconsin.csv")))
for c in ["2", "4"]:
    side = [r for r in rows if r["class"] == c]
    complete = [r for r in side if all(v != "?" for v in r.values())]
    print("class", c, len(side), len(complete))
