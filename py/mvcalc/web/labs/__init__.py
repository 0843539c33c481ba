"""The page's side of each code lab: its editor, buttons and results, and the figure it drives.

A page script mounts the lab's figure and hands it to the lab here; what the lab computes (the
learner's code checked and run, scipy) is in the worker: mvcalc.labs.<name>. What every lab is
made of on the page is mvcalc.web.lab_kit.
"""
