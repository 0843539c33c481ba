"""How big a network is: W⁽ᴸ⁾ has one row per neuron of layer L and one column per neuron of
layer L − 1, and every neuron after the inputs has one bias.  Named slips: biases given to the
inputs, weights counted as a sum of layer sizes instead of a product, weights or biases forgotten."""
from __future__ import annotations

from mvcalc.questions.builders import numeric_question
from mvcalc.questions.precision import Precision


def _sizes_tex(sizes) -> str:
    return "-".join(str(n) for n in sizes)


def parameter_count(rng):
    """The number of weights, biases, or both, in a network with given layer sizes."""
    sizes = rng.choice([[1, 6, 7, 2], [2, 3, 1], [3, 4, 2], [2, 5, 5, 1], [4, 3, 3, 2], [1, 4, 4, 1],
                        [784, 16, 16, 10]])
    asked = rng.choice(["weights", "biases", "both", "one"])
    pairs = list(zip(sizes[1:], sizes[:-1]))                 # (rows, columns) of each W
    weights = sum(r * c for r, c in pairs)
    biases = sum(sizes[1:])
    layer = rng.randrange(1, len(sizes))
    value = {"weights": weights, "biases": biases, "both": weights + biases,
             "one": sizes[layer] * sizes[layer - 1]}[asked]
    wrong = {"weights": [(sum(r + c for r, c in pairs), r"Every neuron of one layer connects to every neuron of the "
                                                          r"next: multiply the sizes, don't add them."),
                         (weights + biases, "That counts the biases too; the question asks for the weights only.")],
             "biases": [(sum(sizes), r"The input layer has no biases: only neurons that compute "
                                     r"\(\sigma(W\mathbf a + \mathbf b)\) have one."),
                        (weights + biases, "That counts the weights too; the question asks for the biases only.")],
             "both": [(weights, "Add the biases: one for each neuron after the input layer."),
                      (weights + sum(sizes), "The input layer has no biases."),
                      (sum(r + c for r, c in pairs) + biases, "Weights between two layers: multiply their sizes.")],
             "one": [(sizes[layer] + sizes[layer - 1], r"\(W\) is a rectangle of numbers: rows times columns."),
                     (sizes[layer] * sizes[layer - 1] + sizes[layer],
                      r"The biases live in \(\mathbf b\), not in \(W\).")]}[asked]
    question = {"weights": "How many weights does it have in all?",
                "biases": "How many biases does it have in all?",
                "both": "How many weights and biases does it have in all (the numbers training adjusts)?",
                "one": rf"How many numbers does the weight matrix \(W^{{({layer})}}\) hold (from layer {layer - 1} to "
                       rf"layer {layer})?"}[asked]
    per_layer = ", ".join(rf"\(W^{{({i})}}\) is \({r} \times {c}\)" for i, (r, c) in enumerate(pairs, start=1))
    lab = " (the lab's network that draws a heart)" if sizes == [1, 6, 7, 2] else (
        " (a classic digit recogniser for 28 × 28 pixel images)" if sizes[0] == 784 else "")
    worked = [rf"\(W^{{(L)}}\) has one row per neuron of layer \(L\) and one column per neuron of layer \(L - 1\): "
              rf"{per_layer}.",
              rf"Weights: {' + '.join(f'{r}·{c}' for r, c in pairs)} = {weights}. Biases, one per neuron after the "
              rf"inputs: {' + '.join(str(n) for n in sizes[1:])} = {biases}.",
              {"weights": f"So {weights} weights.", "biases": f"So {biases} biases.",
               "both": f"In all {weights} + {biases} = {weights + biases}.",
               "one": rf"\(W^{{({layer})}}\) is \({sizes[layer]} \times {sizes[layer - 1]}\): {value} numbers."}[asked]]
    return numeric_question(
        (rf"A network has layers of sizes {_sizes_tex(sizes)}{lab}: {sizes[0]} input"
                rf"{'s' if sizes[0] > 1 else ''}, then {len(sizes) - 2} hidden layer{'s' if len(sizes) > 3 else ''}, "
                rf"then {sizes[-1]} output{'s' if sizes[-1] > 1 else ''}. Each layer computes "
                rf"\(\mathbf a^{{(L)}} = \sigma\big(W^{{(L)}}\mathbf a^{{(L-1)}} + \mathbf b^{{(L)}}\big)\). {question}"),
        value, wrong=wrong, precision=Precision(places=0),       # a count: exactly
        hints=[r"\(W^{(L)}\) has one row per neuron of layer \(L\) and one column per neuron of layer \(L-1\).",
               r"The inputs are just numbers fed in: they have no weights into them and no biases."],
        worked=worked,
        data={"kind": "parameters", "sizes": sizes, "asked": asked, "layer": layer},
    )


IDEAS = [parameter_count]
