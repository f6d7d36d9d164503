"""Returns the list of data files in the folders, sorted."""
import os

import substratools as tools


class PathsOpener(tools.Opener):
    def get_data(self, folders):
        return sorted(os.path.join(folder, name) for folder in folders for name in os.listdir(folder))

    def fake_data(self, n_samples=None):
        return ["/fake/%d.csv" % i for i in range(n_samples)]
