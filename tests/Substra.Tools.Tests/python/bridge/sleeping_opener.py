"""An opener that writes its pid next to its data, then sleeps: the tests kill the task and look for the process."""
import os
import time

import substratools as tools


class SleepingOpener(tools.Opener):
    def get_data(self, folders):
        with open(os.path.join(folders[0], "opener.pid"), "w") as file:
            file.write(str(os.getpid()))
        time.sleep(600)

    def fake_data(self, n_samples=None):
        time.sleep(600)
