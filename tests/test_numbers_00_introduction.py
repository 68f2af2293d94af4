"""The numbers of unit 0 (introduction) appear in the committed outputs of its lectures, and they
say what the text says of them. The notebooks are read as JSON; nbval re-executes them and compares
their text outputs."""

import re
from pathlib import Path

import lecture_outputs

UNIT = Path(__file__).resolve().parent.parent / "course" / "00-introduction"


def text_of(prefix):
    return lecture_outputs.text_of(next(UNIT.glob(f"{prefix}-*.ipynb")))


def test_regression_and_clustering_recover_what_the_points_were_drawn_from():
    text = text_of("01")
    intercept, slope = map(float, re.search(r"fitted intercept (\S+) and slope (\S+) \(true 3\.00 and 0\.80\)",
                                            text).groups())
    assert abs(intercept - 3.0) < 1.0 and abs(slope - 0.8) < 0.1
    sizes = [int(s) for s in re.search(r"group sizes \[(.*)\]", text).group(1).split(",")]
    assert sum(sizes) == 150 and all(abs(s - 50) <= 3 for s in sizes)


def test_the_four_learners_compare_as_the_lecture_says():
    text = text_of("01")
    rows = dict((name.strip(), (float(tr), float(te))) for name, tr, te in
                re.findall(r"^(\S.*?)\s{2,}(0\.\d{3})\s+(0\.\d{3})$", text, re.M))
    lr, knn = rows["logistic regression"], rows["k-nearest neighbours (k = 15)"]
    forest, net = rows["random forest (100 trees)"], rows["network (16, 16 ReLU units)"]
    assert lr[1] < min(knn[1], forest[1], net[1]) - 0.04          # a straight line underfits the moons
    assert forest[0] > 0.99 and forest[0] - forest[1] > 0.08      # the forest fits its training points
    assert net[1] >= knn[1] - 0.01                                 # the network does about as well as k-NN


def test_the_playground_trains_and_shows_a_still():
    text = text_of("01")
    train, test = map(float, re.search(r"training loss (\S+), test loss (\S+) after 60 passes", text).groups())
    assert train < test < 0.5
    lecture_outputs.check_widget_still(next(UNIT.glob("01-*.ipynb")))


def test_each_application_is_measured():
    text = text_of("02")
    assert float(re.search(r"digits: 1347 training images, 450 test images, test accuracy (\S+)", text).group(1)) > 0.95
    probs = [(float(p), truth) for p, truth in re.findall(r"P\(positive\) = (\S+)\s+\(truth: (\w+)\)", text)]
    assert len(probs) == 4 and all((p > 0.5) == (truth == "positive") for p, truth in probs)
    mean, item, factor = map(float, re.search(r"everyone's mean (\S+), each item's mean (\S+), factorization (\S+)",
                                              text).groups())
    assert factor < 0.7 * min(mean, item)                          # "beats both averages"
    assert int(re.search(r"drawn from (\d+)% of the time", text).group(1)) >= 90


def test_ethics_measures_the_gaps_the_text_describes():
    text = text_of("03")
    base = dict(re.findall(r"^group ([AB]): \d+% of applicants, base rate (\S+)$", text, re.M))
    assert float(base["B"]) < float(base["A"]) - 0.1
    tables = re.findall(r"^([AB])\s+(0\.\d{3})\s+(0\.\d{3})\s+(0\.\d{3})\s+(0\.\d{3})$", text, re.M)
    with_district, without = [{g: tuple(map(float, r)) for g, *r in tables[i:i + 2]} for i in (0, 2)]
    (a, b), (a2, b2) = (with_district["A"], with_district["B"]), (without["A"], without["B"])
    assert b[1] > a[1] + 0.1                                       # B's false negative rate, with district
    assert b2[1] > a2[1] + 0.1 and b2[0] < b[0]                    # without it: the gap stays, B's accuracy drops
    assert float(re.search(r"district alone predicts the group with accuracy (\S+)", text).group(1)) > 0.93
    weights = re.search(r"district x score (\S+),", text).group(1)
    assert float(weights) < -0.3                                   # "trusts B's test score less"
    top = re.search(r"^0\.9 to 1\.0\s+(\S+), (\S+)\s+(\S+), (\S+)$", text, re.M).groups()
    assert abs(float(top[0]) - float(top[1].rstrip(","))) < 0.03 and float(top[2].rstrip(",")) - float(top[3]) > 0.1
    fnr_a, t_b, fnr_b, fpr_b, fpr_b_half = map(float, re.search(
        r"group A at 0\.5: FNR (\S+); group B at (\S+): FNR (\S+), FPR (\S+) \(at 0\.5: (\S+)\)", text).groups())
    assert t_b < 0.5 and abs(fnr_b - fnr_a) < 0.02 and fpr_b > fpr_b_half + 0.05
    shares = re.findall(r"^\s+(\d+)%\s+(0\.\d{3})\s+(0\.\d{3})\s+(0\.\d{3})$", text, re.M)
    acc_b = [float(b) for _, _, b, _ in shares]
    assert len(shares) == 3 and acc_b[0] < acc_b[1] - 0.02 and acc_b[2] >= acc_b[1]
    lecture_outputs.check_widget_still(next(UNIT.glob("03-*.ipynb")))
