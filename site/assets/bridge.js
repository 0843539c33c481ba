/* The few things Python asks the browser to do that are awkward through the FFI. */
(function () {
  "use strict";
  window.mvcalcBridge = {
    /* Copy matplotlib's Agg RGBA buffer (a Python memoryview) onto a canvas, without
       copying it through Python or encoding a PNG. */
    putRGBA: function (canvas, buffer, width, height) {
      var view = buffer.getBuffer("u8clamped");
      try {
        var pixels = view.data.subarray(0, width * height * 4);
        canvas.getContext("2d").putImageData(new ImageData(pixels, width, height), 0, 0);
      } finally {
        view.release();
      }
    }
  };
})();
