"""rumah: staged self-help house designs, priced bills of quantities and build plans.

The library is a one-way pipeline whose folders are its stages (see README, Development):
``house`` turns a template and its parameters into a :class:`~rumah.house.design.Design`;
``cost`` measures it per build step (:func:`~rumah.cost.takeoff.takeoff`) and prices the
quantities with an AHSP edition and a regional price list (:func:`~rumah.cost.pricing.price_bill`);
``plan`` schedules the steps against a household's money; ``documents`` writes bills, plans,
drawings and the quote; ``program`` plans many households; ``desk`` guides a consultation.
Library code never prints and never exits; errors are :class:`~rumah.errors.RumahError`
subclasses whose message names the file, the key, what was expected and what was found.
"""

__version__ = "0.1.0"
