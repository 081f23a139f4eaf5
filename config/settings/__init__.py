"""Settings by role: ``development`` (manage.py), ``production`` (config.wsgi), ``test`` (pytest).

Each role starts from ``base`` and reads the rest from the environment (README, "Settings").
"""
