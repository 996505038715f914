"""Speed measurements of Parat, as ratios against floors measured in the same run."""
