"""An opener that imports a module the image does not have."""
import substratools as tools
import substra_bridge_tests_not_installed  # noqa: F401


class MissingModuleOpener(tools.Opener):
    def get_data(self, folders):
        return []

    def fake_data(self, n_samples=None):
        return []
