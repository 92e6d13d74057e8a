"""One tariff billed from 4 Python threads at once gives the single-threaded bills."""
import concurrent.futures

import pandas as pd

import rateline
from conftest import GEORGIA


def test_four_threads_bill_like_one():
    tariff = rateline.compile(GEORGIA)
    index = pd.date_range("2024-07-01", "2024-10-01", freq="15min", inclusive="left", tz="America/New_York")
    usage = rateline.usage_from_pandas(pd.Series([str(1 + i % 7) for i in range(len(index))], index=index))
    jobs = [(usage, "2024-07-01", "2024-08-01"), (usage, "2024-08-01", "2024-09-01"), (usage, "2024-07-01", "2024-10-01")] * 8

    def run(job):
        return tariff.bill(*job, trace=True).explain()

    expected = [run(job) for job in jobs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(run, jobs)) == expected
