/* Progress made without an exercise widget (for pages that have none yet): one saved answer
 * through the progress store if the page has it, and a marker key either way. Argument: {module}. */
({ module }) => {
  if (window.mvcalcProgress) window.mvcalcProgress.saveAnswer(module, "tour-check", 0, "x");
  localStorage.setItem("mvcalc.tour", module);
  return window.mvcalcProgress ? module + "/tour-check" : null;
}
