"""Returns {"x": …, "y": …}: float32 rows and a pandas Series."""
import numpy as np
import pandas as pd
import substratools as tools


class DictOpener(tools.Opener):
    def get_data(self, folders):
        x = np.arange(6, dtype=np.float32).reshape(3, 2)
        return {"y": pd.Series([0.5, 1.5, 2.5], name="target"), "x": x}

    def fake_data(self, n_samples=None):
        return {"x": np.zeros((n_samples, 2), dtype=np.float32), "y": pd.Series([1.0] * n_samples)}
