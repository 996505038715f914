"""Pure domain of Parat: money, stages and the status arithmetic.

Nothing here touches a database, a terminal or the clock: plain values in, plain values
out. Every front end (CLI, UI, exports) reads the same status computed here.
"""
