#!/usr/bin/env bash
# Check by hand that LibreOffice turns a lessons-learned DOCX into a PDF with the Thai text
# intact (ตรวจว่า LibreOffice แปลง DOCX เป็น PDF แล้วข้อความภาษาไทยยังถูกต้อง).
#
# Usage:
#   scripts/check_docx_pdf.sh FILE.docx [TEXT ...]
#
# Every TEXT must be found in the PDF's text (default: the document's title, read from the
# DOCX itself, and "ถอดบทเรียน"). Whitespace is collapsed before searching, so a title that
# wraps over two lines still matches. Needs `libreoffice` (or `soffice`) and `pdftotext`
# (Debian: libreoffice-writer, poppler-utils, fonts-thai-tlwg). Nothing is installed here
# and no test depends on this script. Exit status 0 = every text found.
set -euo pipefail

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

docx="$1"; shift
[[ -f "$docx" ]] || { echo "ไม่พบไฟล์ (no such file): $docx" >&2; exit 2; }

office="$(command -v libreoffice || command -v soffice || true)"
[[ -n "$office" ]] || { echo "ไม่พบ libreoffice (install libreoffice-writer)" >&2; exit 3; }
command -v pdftotext >/dev/null || { echo "ไม่พบ pdftotext (install poppler-utils)" >&2; exit 3; }

here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
[[ -x "$python" ]] || python="$(command -v python3)"

texts=("$@")
if [[ ${#texts[@]} -eq 0 ]]; then
  title="$("$python" - "$docx" <<'EOF'
import sys
from docx import Document
print(Document(sys.argv[1]).paragraphs[0].text)
EOF
)"
  texts=("$title" "ถอดบทเรียน")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# a private LibreOffice profile: no clash with a running instance, no first-run dialogs
"$office" -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to pdf --outdir "$work" "$docx" >"$work/convert.log" 2>&1 || {
  cat "$work/convert.log" >&2; echo "การแปลงล้มเหลว (conversion failed)" >&2; exit 1; }
pdf="$work/$(basename "${docx%.*}").pdf"
[[ -s "$pdf" ]] || { cat "$work/convert.log" >&2; echo "ไม่มี PDF (no PDF written)" >&2; exit 1; }

pdftotext -enc UTF-8 "$pdf" "$work/out.txt"
flat="$(tr -s '[:space:]' ' ' <"$work/out.txt")"
status=0
for t in "${texts[@]}"; do
  want="$(printf '%s' "$t" | tr -s '[:space:]' ' ')"
  if grep -qF -- "$want" <<<"$flat"; then
    echo "พบ (found): $t"
  else
    echo "ไม่พบ (MISSING): $t" >&2
    status=1
  fi
done
if command -v pdffonts >/dev/null; then
  echo "แบบอักษรใน PDF (fonts embedded):"
  pdffonts "$pdf" | tail -n +3 | awk '{print "  " $1}' | sort -u
fi
pages="$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)"
echo "PDF: ${pages:-?} หน้า (pages) — $([[ $status -eq 0 ]] && echo OK || echo FAILED)"
exit "$status"
