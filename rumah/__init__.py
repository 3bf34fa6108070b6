"""rumah: staged self-help house designs, priced bills of quantities and build plans.

The library is a one-way pipeline (see README): a template and its parameters give a
:class:`~rumah.design.Design`; :func:`~rumah.takeoff.takeoff` measures it per build step;
:func:`~rumah.pricing.price_bill` prices the quantities with an AHSP edition and a
regional price list.  Library code never prints and never exits; errors are
:class:`~rumah.errors.RumahError` subclasses whose message names the file, the key,
what was expected and what was found.
"""

__version__ = "0.1.0"
