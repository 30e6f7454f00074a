"""A reviewer's round (DESIGN §5.2): what the marks in a goal document tell the clerk.

checks: the problems a reviewer's marks raise (an indicator marked 不通过, a table whose 审核结果
is 不通过 or 修改完善后通过), hooked into goaleditor/checking.py; verdicts: what a reviewer types
into a 审核结论 or 审核结果 cell; marking: marks as undoable edits (several rows in one step).

Pure domain: it reads the model and imports no Qt, no formats and no ui. Nothing is imported
here, so the editor starts without the checks (import the modules themselves).
"""
