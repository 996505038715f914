"""How the risk simulation draws by default, and the bounds a caller may ask for.

Plain constants in a module of their own: every CLI call reads them (the options'
defaults and bounds), and none of them should pay for the risk arithmetic's
dataclasses, let alone numpy.
"""

__all__ = ["DRAWS", "MAX_DRAWS", "MAX_SEED", "PERCENTS", "SEED"]

#: Draws of the simulation unless the caller says otherwise: a probability is then
#: good to about ±0,01 (two standard errors at 50 %: 2 × √(0,25 / 20.000) ≈ 0,007).
DRAWS = 20_000
#: The fixed seed: the same data give the same figures in every surface.
SEED = 2018
#: The probabilities (in percent) at which the amounts reached are reported.
PERCENTS = (50, 80, 95)
#: The most draws a caller may ask for: 100 times the default (some seconds, and some
#: hundreds of MB, for a large programme).
MAX_DRAWS = 2_000_000
#: The largest seed a caller may give (the generator takes any whole number from 0;
#: this bound keeps it a number every surface writes and reads back exactly).
MAX_SEED = 2**32 - 1
