"""An opener whose get_data and fake_data raise."""
import substratools as tools


def read_rows(folders):
    raise ValueError("no rows in %d folders" % len(folders))


class RaisingOpener(tools.Opener):
    def get_data(self, folders):
        return read_rows(folders)

    def fake_data(self, n_samples=None):
        raise RuntimeError("no fake data either")
