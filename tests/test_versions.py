"""Installed versions read from the dist-info folder names agree with importlib.metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pytest

from danvan.run.versions import installed_version


@pytest.mark.parametrize(
    "package",
    ["danvan", "underthesea", "underthesea-core", "pandas", "pyarrow", "matplotlib_inline", "PyYAML"],
)
def test_the_version_is_the_one_importlib_metadata_gives(package: str):
    assert installed_version(package) == version(package)


def test_a_package_not_installed_has_no_version():
    with pytest.raises(PackageNotFoundError):
        version("no-such-package-danvan")
    assert installed_version("no-such-package-danvan") is None
