"""scipy.optimize.curve_fit, in the checker worker (scipy never loads on the page itself).

Request: ``{"data": "decay" | "heights", "p0": [p1, p2]}``; the data and the model are
the lessons' own (named, not sent), so the answer can be compared with the page's descent.
Reply: ``{"params": [...], "errors": [...], "covariance": [[...]], "chi2": x, "evaluations": n,
"code": the lines that ran}``. The errors are the square roots of the covariance's diagonal.
"""
from __future__ import annotations

import numpy as np

from mvcalc.fitting import DECAY, DECAY_SIGMA, DECAY_X, DECAY_Y, GAUSSIAN, chi2, heights_histogram

# The download's blanks (checked by mvcalc.labs.curve_fit_checks): the model, and the few lines
# of curve_fit that the page runs for "decay" below.
STARTER = '''def model(x, a, b):
    # YOUR CODE: model
    # the decay a e^(-b x), for a whole numpy array x at once
    return 0 * x
    # END YOUR CODE


def fit(model, x, y, p0, sigma):
    # YOUR CODE: fit
    # scipy's curve_fit: return the best parameters and their standard errors
    params = np.array(p0, dtype=float)
    errors = np.zeros(len(p0))
    return params, errors
    # END YOUR CODE
'''
ANSWERS = {
    "model": "return a * np.exp(-b * x)\n",
    "fit": '''params, cov = curve_fit(model, x, y, p0=p0, sigma=sigma, absolute_sigma=True)
errors = np.sqrt(np.diag(cov))
return params, errors
''',
}

CODE = {
    "decay": ("import numpy as np\nfrom scipy.optimize import curve_fit\n\n"
              "def model(x, a, b):\n    return a * np.exp(-b * x)\n\n"
              "params, cov = curve_fit(model, x, y, p0=[{p0}, {p1}], sigma=sigma, absolute_sigma=True)\n"
              "errors = np.sqrt(np.diag(cov))"),
    "heights": ("import numpy as np\nfrom scipy.optimize import curve_fit\n\n"
                "def f(x, mu, sig):\n    return np.exp(-(x - mu)**2 / (2 * sig**2)) / np.sqrt(2 * np.pi) / sig\n\n"
                "params, cov = curve_fit(f, x, y, p0=[{p0}, {p1}])\n"
                "errors = np.sqrt(np.diag(cov))"),
}


def fit(data: str, p0) -> dict:
    from scipy.optimize import curve_fit

    p0 = [float(v) for v in p0]
    if data == "decay":
        model, x, y, sigma = DECAY, DECAY_X, DECAY_Y, DECAY_SIGMA
        params, cov, info, _, _ = curve_fit(lambda x, a, b: model(x, a, b), x, y, p0=p0, sigma=sigma,
                                            absolute_sigma=True, full_output=True)
    elif data == "heights":
        model, (x, y), sigma = GAUSSIAN, heights_histogram(), None
        params, cov, info, _, _ = curve_fit(lambda x, mu, sig: model(x, mu, sig), x, y, p0=p0,
                                            full_output=True)
    else:
        raise ValueError(f"no data set {data!r}")
    return {"params": [float(v) for v in params], "errors": [float(v) for v in np.sqrt(np.diag(cov))],
            "covariance": np.asarray(cov, float).tolist(), "chi2": chi2(model, params, x, y, sigma),
            "evaluations": int(info.get("nfev", 0)), "code": CODE[data].format(p0=f"{p0[0]:g}", p1=f"{p0[1]:g}")}


def handle(payload: dict) -> dict:
    return fit(str(payload.get("data", "decay")), payload.get("p0") or [1.0, 1.0])
