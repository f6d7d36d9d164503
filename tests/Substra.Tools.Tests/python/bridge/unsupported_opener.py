"""An opener that returns a type the bridge cannot pass to .NET (a set), and a dict holding a generator for fake data."""
import substratools as tools


class UnsupportedOpener(tools.Opener):
    def get_data(self, folders):
        return {"a", "b"}

    def fake_data(self, n_samples=None):
        return {"x": (i for i in range(n_samples))}
