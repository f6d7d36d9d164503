"""Two Opener subclasses: substratools refuses it (InvalidInterfaceError), and so does the bridge."""
import substratools as tools


class First(tools.Opener):
    def get_data(self, folders):
        return []

    def fake_data(self, n_samples=None):
        return []


class Second(First):
    pass
