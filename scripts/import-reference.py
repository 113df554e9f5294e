#!/usr/bin/env python3
"""Turns the text of the page the site grew from into the first sample story.

    scripts/import-reference.py tests/fixtures/reference-page.txt

Prints article JSON. Every word of the story comes from the page; only the
metadata the page does not show (slug, section, byline, times) is ours.
"""
import json
import sys

SLUG = "sadiq-khan-blocks-met-police-palantir-deal"


def paragraphs(text):
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def main(path):
    text = open(path, encoding="utf-8").read()
    paras = paragraphs(text)
    # The page chrome comes first: brand, tagline, ticker. The headline follows.
    start = next(i for i, p in enumerate(paras) if "Loading latest headlines" in p) + 1
    headline, standfirst, points = paras[start], paras[start + 1], paras[start + 2]
    key_points = [line.strip().lstrip("•").strip() for line in points.splitlines() if line.strip()]
    body, why, what = [], None, None
    for p in paras[start + 3:]:
        if p.startswith("Why this matters:"):
            why = p.removeprefix("Why this matters:").strip()
        elif p.startswith("What this means for you:"):
            # The page repeats its label; the data holds the text once.
            what = p
            while what.startswith("What this means for you:"):
                what = what.removeprefix("What this means for you:").strip()
        elif p.startswith("Get the news that matters."):
            break
        else:
            body.append({"type": "paragraph", "text": p})
    article = {
        "slug": SLUG,
        "headline": headline,
        "standfirst": standfirst,
        "byline": "Britain's News Portal London desk",
        "section": "London",
        "published": "2026-11-26T08:15:00Z",
        "updated": "2026-11-26T10:40:00Z",
        "key_points": key_points,
        "body": body,
        "why_this_matters": why,
        "what_this_means_for_you": what,
        "sample": False,
    }
    json.dump(article, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
