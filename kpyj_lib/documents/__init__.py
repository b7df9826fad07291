"""What each document says, computed from a workspace (no HTML, no SQL, no batch).

See :mod:`kpyj_lib.documents.base` for the protocol every document follows.
"""

from .base import Block, Document, Section, SectionInfo, section_keys

__all__ = ["Block", "Document", "Section", "SectionInfo", "section_keys"]
