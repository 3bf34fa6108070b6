"""The clinic desk in a browser (needs ``pip install 'rumah[desk]'``): the consultation as a form,
the register's families, follow-up visits and the monthly report, served by :func:`create_app`.
"""
