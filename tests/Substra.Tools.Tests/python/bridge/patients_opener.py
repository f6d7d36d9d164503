"""A CSV-reading opener that returns a pandas DataFrame with mixed column types (str, int, float with gaps, bool, dates, str with gaps)."""
import os

import pandas as pd
import substratools as tools


class PatientsOpener(tools.Opener):
    def get_data(self, folders):
        frames = [pd.read_csv(os.path.join(folder, "patients.csv"), parse_dates=["visit"]) for folder in folders]
        print("patients opener: read %d folders" % len(folders))
        return pd.concat(frames, ignore_index=True)

    def fake_data(self, n_samples=None):
        return pd.DataFrame(
            {
                "name": ["fake%d" % i for i in range(n_samples)],
                "age": list(range(n_samples)),
                "height": [1.5] * n_samples,
                "smoker": [False] * n_samples,
                "visit": pd.to_datetime(["2020-02-02"] * n_samples),
                "blood type": [None] * n_samples,
            }
        )
