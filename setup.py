"""Package discovery for setuptools (everything else is in pyproject.toml).

The wheel carries two folders of the checkout inside the package, so that an installed
kpyj runs its reports outside a checkout: ``notebooks/`` as ``kpyj_lib/notebooks`` and
``data/sample/`` as ``kpyj_lib/sample`` (:mod:`kpyj_lib.paths` finds either). An editable
install keeps using the checkout's folders.
"""

from setuptools import find_packages, setup

#: Package name → folder of the checkout shipped under that name.
SHIPPED = {"kpyj_lib.notebooks": "notebooks", "kpyj_lib.sample": "data/sample"}

setup(
    packages=[*find_packages(include=["kpyj_lib", "kpyj_lib.*"]), *SHIPPED],
    package_dir=SHIPPED,
)
