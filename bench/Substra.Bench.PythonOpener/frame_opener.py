"""A substratools opener returning a DataFrame of float64 columns c0…c9; the row count is in the sample's rows.txt."""
import os

import numpy as np
import pandas as pd
import substratools as tools


class FrameOpener(tools.Opener):
    def get_data(self, folders):
        with open(os.path.join(folders[0], "rows.txt")) as file:
            rows = int(file.read())
        values = np.random.default_rng(0).random((rows, 10))
        return pd.DataFrame(values, columns=["c%d" % i for i in range(10)])

    def fake_data(self, n_samples=None):
        return pd.DataFrame(np.zeros((n_samples, 10)), columns=["c%d" % i for i in range(10)])
