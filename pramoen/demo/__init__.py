"""Demonstration data, loaded by ``python -m pramoen load_demo``.

Not a Django app: plain builders that the command calls inside one transaction.

- :mod:`.users` — one user per role, with a published password;
- :mod:`.seed001` — fund 1-06's FY2567 agreement (from the sample RFES report,
  ``data/seed001.json``) taken through the real workflow to *in force*, with
  rounds 1 and 2 reported and approved;
- :mod:`.second_fund` — fund 1-04's FY2568 PPP, still being drafted.
"""
