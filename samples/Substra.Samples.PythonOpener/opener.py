"""The data providers' opener, as registered on a Substra platform: a substratools Opener returning a pandas DataFrame.

Each data sample folder holds patients.csv (age, bmi with gaps, smoker, region, at_risk). The .NET functions of this
sample read the DataFrame through the Substra.Tools Python bridge.
"""
import os

import numpy as np
import pandas as pd
import substratools as tools


class PatientsOpener(tools.Opener):
    def get_data(self, folders):
        frames = [
            pd.read_csv(os.path.join(folder, "patients.csv"), dtype={"region": "category", "age": "int64", "bmi": "float64"})
            for folder in folders
        ]
        return pd.concat(frames, ignore_index=True)

    def fake_data(self, n_samples=None):
        rng = np.random.default_rng(0)
        age = rng.integers(20, 80, n_samples)
        return pd.DataFrame(
            {
                "age": age,
                "bmi": rng.normal(26, 4, n_samples),
                "smoker": rng.random(n_samples) < 0.3,
                "region": pd.Categorical(rng.choice(["north", "south"], n_samples)),
                "at_risk": age > 55,
            }
        )
