"""A substratools opener: reads data.csv rows `x,y` in every folder; fake samples are x=10, y=30 (the reference's fixtures)."""
import os

import substratools as tools


class CsvOpener(tools.Opener):
    def get_data(self, folders):
        x, y = [], []
        for folder in folders:
            with open(os.path.join(folder, "data.csv")) as file:
                for line in file.read().splitlines():
                    cells = line.split(",")
                    x.append(int(cells[0]))
                    y.append(int(cells[1]))
        return {"x": x, "y": y}

    def fake_data(self, n_samples=None):
        return {"x": [10] * n_samples, "y": [30] * n_samples}
