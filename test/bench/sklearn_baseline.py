#!/usr/bin/env python3
"""The scikit-learn baseline of `npm run bench` (test/bench/run.mjs runs it; see results.md).

Model: FeatureUnion of two TfidfVectorizers -- word 1-2-grams and char_wb 3-5-grams (lowercase,
accents stripped, sublinear tf, char min_df=2), each row l2-normalised per block -- + LinearSVC
(C=1, squared hinge, one-vs-rest), trained on the report's section-labelled verbatims
(label = the thematique heading the bullet sits under).

  1. 5-fold CV macro-F1 on thematique with the fold ids given in the training file (the bench
     writes them: the folds of `cnr-synth eval` when it exports them, else the same stratified
     assignment computed with cnr-synth's own stratifiedFolds; see results.md);
  2. predict-only throughput: the model trained on all verbatims, then each corpus file read as
     NDJSON (field "text") in batches of 10,000 and vectorised + predicted. The timed span is
     open -> last prediction: Python start-up, imports and training are NOT included.

Usage:
  sklearn_baseline.py --train LABELLED.ndjson [--predict FILE:N ...] [--budget-s S]
Prints one JSON object on stdout. Single-threaded (the bench sets OMP/BLAS threads to 1).
"""
import argparse
import json
import resource
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--predict", action="append", default=[], help="FILE:N (N records)")
    ap.add_argument("--budget-s", type=float, default=1e9, help="skip a predict size whose estimate exceeds what is left")
    ap.add_argument("--batch", type=int, default=10000)
    a = ap.parse_args()
    t_start = time.perf_counter()

    import numpy as np
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import f1_score
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.svm import LinearSVC

    def model():
        return make_pipeline(
            FeatureUnion([
                ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), lowercase=True,
                                         strip_accents="unicode", sublinear_tf=True, dtype=np.float32)),
                ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True,
                                         strip_accents="unicode", sublinear_tf=True, min_df=2,
                                         dtype=np.float32)),
            ]),
            LinearSVC(C=1.0, max_iter=5000),
        )

    texts, y, folds = [], [], []
    with open(a.train, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts.append(r["text"])
            y.append(int(r["thematique"]))
            folds.append(int(r["fold"]))
    y = np.array(y)
    folds = np.array(folds)
    out = {
        "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__},
        "train_size": len(texts),
        "model": "FeatureUnion(Tfidf word 1-2, Tfidf char_wb 3-5 min_df=2; lowercase, strip_accents, sublinear_tf) + LinearSVC(C=1)",
    }

    # 1. Cross-validation with the given folds.
    k = int(folds.max()) + 1
    pred = np.zeros_like(y)
    per_fold = []
    t0 = time.perf_counter()
    for f in range(k):
        tr, te = folds != f, folds == f
        m = model().fit([t for t, b in zip(texts, tr) if b], y[tr])
        p = m.predict([t for t, b in zip(texts, te) if b])
        pred[te] = p
        per_fold.append(float(f1_score(y[te], p, average="macro")))
    out["cv"] = {
        "folds": k,
        "fold_sizes": [int((folds == f).sum()) for f in range(k)],
        "macro_f1_pooled": float(f1_score(y, pred, average="macro")),
        "macro_f1_mean_of_folds": float(np.mean(per_fold)),
        "macro_f1_per_fold": per_fold,
        "accuracy_pooled": float((pred == y).mean()),
        "seconds": time.perf_counter() - t0,
    }

    # 2. Train on everything, then predict-only throughput.
    t0 = time.perf_counter()
    full = model().fit(texts, y)
    out["train_seconds"] = time.perf_counter() - t0
    out["predict"] = []
    rate = None
    for spec in a.predict:
        path, n = spec.rsplit(":", 1)
        n = int(n)
        left = a.budget_s - (time.perf_counter() - t_start)
        if rate is not None and n / rate > left:
            out["predict"].append({"n": n, "skipped": f"estimated {n / rate:.0f} s > {max(left, 0):.0f} s left of the bench budget"})
            continue
        t0 = time.perf_counter()
        count = 0
        hist = {}
        with open(path, encoding="utf-8") as f:
            batch = []
            for line in f:
                batch.append(json.loads(line)["text"])
                if len(batch) == a.batch:
                    for c in full.predict(batch):
                        hist[int(c)] = hist.get(int(c), 0) + 1
                    count += len(batch)
                    batch = []
            if batch:
                for c in full.predict(batch):
                    hist[int(c)] = hist.get(int(c), 0) + 1
                count += len(batch)
        s = time.perf_counter() - t0
        rate = count / s
        out["predict"].append({"n": count, "seconds": s, "per_second": rate, "predicted": {str(k): v for k, v in sorted(hist.items())}})
    out["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
