"""Segmented (broken-trend) regressions shared by the chapters."""

from __future__ import annotations

import numpy as np
import pandas as pd


def segmented_ols(
    log_values: pd.Series, time: pd.Series, breaks: list[float], controls: pd.DataFrame | None = None, hac_lags: int = 2
):
    """OLS of log values on a trend, a level shift and a slope change at each break, and any controls.

    The regressors are ``trend`` (time since the start), and for each break ``k``: ``shift_k`` (1 from
    the break on) and ``slope_k`` (time since the break, 0 before it). Standard errors are Newey–West
    (HAC) with ``hac_lags`` lags, because neighbouring observations of a time series are correlated.
    Returns the statsmodels results.
    """
    import statsmodels.api as sm  # imported here: it takes a second, and pages that fit no model need not wait

    design = pd.DataFrame({"trend": time - time.min()}, index=log_values.index)
    for k in breaks:
        design[f"shift_{k}"] = (time >= k).astype(float)
        design[f"slope_{k}"] = np.where(time >= k, time - k, 0.0)
    if controls is not None:
        design = design.join(controls)
    return sm.OLS(log_values.to_numpy(), sm.add_constant(design)).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags})


def break_test(fit, breaks: list[float]) -> float:
    """p-value of the Wald test that every level shift and slope change is zero."""
    hypotheses = ", ".join(f"{kind}_{k} = 0" for k in breaks for kind in ("shift", "slope"))
    return float(fit.wald_test(hypotheses, scalar=True).pvalue)
