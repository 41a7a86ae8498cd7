//! Static SVG charts made at build time (no JavaScript): articles per year on term pages, and the
//! actor network on `/actors/`. Each carries a `<title>` and a text alternative.

use std::collections::HashMap;
use std::fmt::Write;

use super::i18n::Strings;
use super::markdown::{escape_attribute, escape_text};

/// How many actors the network shows at most.
pub const NETWORK_SIZE: usize = 200;
/// How many edges (strongest first) the network draws at most.
const NETWORK_EDGES: usize = 500;

/// Width of the chart's user space: the chart is drawn at about this many pixels (the side
/// panel is 17rem), so sizes in user units are close to pixels.
const CHART_WIDTH: f64 = 272.0;
/// Year labels' size in user units: at least 11 px where the chart is shown.
const YEAR_LABEL_SIZE: f64 = 12.0;

/// A bar chart of `counts` (year, articles), which must be ascending by year; missing years in
/// between are drawn as empty. Every bar with articles links to `href(year)` (that year's
/// articles of the subject); years are labelled under their bars, every one when there is
/// room, else every second, fifth or tenth. `None` when there is nothing to draw.
pub fn year_bars(
    counts: &[(i32, usize)],
    subject: &str,
    href: &dyn Fn(i32) -> Option<String>,
    strings: &Strings,
) -> Option<String> {
    let (first, last) = (counts.first()?.0, counts.last()?.0);
    let by_year: HashMap<i32, usize> = counts.iter().copied().collect();
    let years: Vec<(i32, usize)> = (first..=last)
        .map(|y| (y, by_year.get(&y).copied().unwrap_or(0)))
        .collect();
    let max = years.iter().map(|y| y.1).max().unwrap_or(0).max(1);
    let (width, height, top, bottom, left) = (CHART_WIDTH, 132.0, 18.0, 22.0, 16.0);
    // Bars keep a readable width: a short run of years does not stretch across the chart.
    let slot = ((width - 2.0 * left) / years.len() as f64).min(40.0);
    let bar = (slot * 0.8).max(1.0);
    let plot = height - top - bottom;
    // A four-digit label is about 2.4 ems wide; label every `step`-th year so none touch.
    let label_width = YEAR_LABEL_SIZE * 2.6;
    let step: i32 = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&s| slot * f64::from(s) >= label_width)
        .unwrap_or(100);
    let alternative: Vec<String> = years
        .iter()
        .filter(|y| y.1 > 0)
        .map(|(y, n)| format!("{y}: {n}"))
        .collect();
    let description = strings.fill(
        "articles_per_year_on",
        &[("name", subject), ("counts", &alternative.join(", "))],
    );
    let mut svg = format!(
        "<svg class=\"year-chart\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape_attribute(&description),
        escape_text(&description)
    );
    for (i, (year, n)) in years.iter().enumerate() {
        let h = plot * (*n as f64) / (max as f64);
        let x = left + i as f64 * slot + (slot - bar) / 2.0;
        let y = top + plot - h;
        let label = format!(
            "{year}: {}",
            strings.fill("n_articles", &[("n", &n.to_string())])
        );
        let rect = format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{label}</title></rect>"
        );
        match href(*year).filter(|_| *n > 0) {
            // The whole column is the target, not only the bar: short bars stay easy to hit.
            Some(target) => {
                let _ = write!(
                    svg,
                    "<a href=\"{}\" aria-label=\"{}\"><rect class=\"target\" x=\"{:.1}\" y=\"{top}\" width=\"{slot:.1}\" height=\"{plot:.1}\"/>{rect}</a>",
                    escape_attribute(&target),
                    escape_attribute(&label),
                    left + i as f64 * slot
                );
            }
            None => svg.push_str(&rect),
        }
        if (year - first) % step == 0 || (*year == last && step == 1) {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"{YEAR_LABEL_SIZE}\" text-anchor=\"middle\" aria-hidden=\"true\">{year}</text>",
                left + (i as f64 + 0.5) * slot,
                height - 5.0
            );
        }
    }
    let baseline = top + plot;
    let right = left + slot * years.len() as f64;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{baseline}\" x2=\"{right:.1}\" y2=\"{baseline}\"/>"
    );
    let _ = write!(
        svg,
        "<text x=\"{left}\" y=\"12\" font-size=\"{YEAR_LABEL_SIZE}\" aria-hidden=\"true\">{max} max</text></svg>"
    );
    Some(svg)
}

/// One actor in the network.
pub struct Node {
    pub name: String,
    /// Path from the site root.
    pub path: String,
    pub articles: usize,
}

/// The network's user space: wider than tall, so it fits a desktop screen.
const NETWORK_WIDTH: f64 = 1000.0;
const NETWORK_HEIGHT: f64 = 760.0;

/// Widths (px) the drawing is shown at, smallest first, with the labels' font size (px) and
/// most labels there: a label shown at a width must not touch another shown there. Phones
/// (below 40rem) see tier 1; wider screens tier 2 as well (the drawing is at least 560 px wide
/// there, the table taking the rest of a desktop's width).
const LABEL_TIERS: [(f64, f64, usize); 2] = [(320.0, 11.0, 14), (560.0, 12.0, 60)];

/// How far (px) a label stands from its node's centre: `.network-label`'s translation.
const LABEL_OFFSET: f64 = 10.0;

/// The actor network: a force-directed layout (actors who appear together are pulled close, so
/// clusters show), edges weighted by shared articles. Only the best-connected actors are
/// labelled, fewer on small screens, so that no two labels touch; labels are HTML at a fixed
/// pixel size (never shrunk with the drawing) and links, and a table beside the drawing lists
/// every actor with whom they appear most. `edges` are (node, node, shared).
pub fn network(
    nodes: &[Node],
    edges: &[(usize, usize, usize)],
    root: &str,
    strings: &Strings,
) -> Option<String> {
    if nodes.len() < 2 {
        return None;
    }
    let n = nodes.len();
    let mut edges: Vec<(usize, usize, usize)> = edges.to_vec();
    edges.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let partners = strongest_partners(n, &edges, 3);
    // A single shared article says little in a large book: keep repeated pairs when there are enough.
    if edges.iter().filter(|e| e.2 >= 2).count() >= n {
        edges.retain(|e| e.2 >= 2);
    }
    edges.truncate(NETWORK_EDGES);
    let order = circular_order(n, &edges, nodes);
    let positions = force_layout(n, &edges, &order);
    let max_articles = nodes.iter().map(|x| x.articles).max().unwrap_or(1).max(1) as f64;
    let max_weight = edges.first().map_or(1, |e| e.2).max(1) as f64;
    let radius = |node: &Node| 3.0 + 9.0 * (node.articles as f64 / max_articles).sqrt();

    let mut svg = format!(
        "<svg class=\"actor-network\" viewBox=\"0 0 {NETWORK_WIDTH} {NETWORK_HEIGHT}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\"><g class=\"edges\">"
    );
    for &(a, b, w) in &edges {
        let ((x1, y1), (x2, y2)) = (positions[a], positions[b]);
        let strength = w as f64 / max_weight;
        let _ = write!(
            svg,
            "<path d=\"M{x1:.1},{y1:.1} L{x2:.1},{y2:.1}\" stroke-width=\"{:.2}\" stroke-opacity=\"{:.2}\"/>",
            0.6 + 3.5 * strength,
            0.18 + 0.6 * strength,
        );
    }
    svg.push_str("</g><g class=\"nodes\">");
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = positions[i];
        let _ = write!(
            svg,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"><title>{}: {}</title></circle>",
            radius(node),
            escape_text(&node.name),
            escape_text(&strings.fill("n_articles", &[("n", &node.articles.to_string())]))
        );
    }
    svg.push_str("</g></svg>");

    let mut labels = String::new();
    for (node, tier, to_left) in label_tiers(nodes, &edges, &positions) {
        let (x, y) = positions[node];
        let side = if to_left { "left" } else { "right" };
        let _ = write!(
            labels,
            "<a class=\"network-label tier-{tier} to-{side}\" style=\"left:{:.2}%;top:{:.2}%\" href=\"{root}{}\">{}</a>",
            x / NETWORK_WIDTH * 100.0,
            y / NETWORK_HEIGHT * 100.0,
            escape_attribute(&nodes[node].path),
            escape_text(&nodes[node].name)
        );
    }

    let mut table = format!(
        "<table class=\"network-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape_text(strings.get("network_table")),
        escape_text(strings.get("actor")),
        escape_text(strings.get("network_articles")),
        escape_text(strings.get("network_most_with")),
    );
    for (i, node) in nodes.iter().enumerate() {
        let with: Vec<String> = partners[i]
            .iter()
            .map(|&(p, w)| format!("{} ({w})", escape_text(&nodes[p].name)))
            .collect();
        let _ = write!(
            table,
            "<tr><th scope=\"row\"><a href=\"{root}{}\">{}</a></th><td>{}</td><td>{}</td></tr>",
            escape_attribute(&node.path),
            escape_text(&node.name),
            node.articles,
            with.join(", ")
        );
    }
    table.push_str("</tbody></table>");
    Some(format!(
        "<div class=\"network-layout\"><div class=\"network-drawing\" style=\"aspect-ratio:{NETWORK_WIDTH}/{NETWORK_HEIGHT}\">{svg}{labels}</div><div class=\"network-list\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{table}</div></div>",
        escape_attribute(strings.get("network_table"))
    ))
}

/// Each node's `count` strongest partners (node, shared articles), strongest first.
fn strongest_partners(
    n: usize,
    edges: &[(usize, usize, usize)],
    count: usize,
) -> Vec<Vec<(usize, usize)>> {
    let mut partners: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    // `edges` come strongest first, so each list fills in order.
    for &(a, b, w) in edges {
        if partners[a].len() < count {
            partners[a].push((b, w));
        }
        if partners[b].len() < count {
            partners[b].push((a, w));
        }
    }
    partners
}

/// Node positions in the user space: Fruchterman–Reingold from the circular order (so the run
/// is deterministic), edges pulling by their weight, a little gravity holding loose actors in.
fn force_layout(n: usize, edges: &[(usize, usize, usize)], order: &[usize]) -> Vec<(f64, f64)> {
    let (w, h) = (NETWORK_WIDTH, NETWORK_HEIGHT);
    let mut pos = vec![(0.0, 0.0); n];
    for (slot, &node) in order.iter().enumerate() {
        let a = slot as f64 / n as f64 * std::f64::consts::TAU;
        pos[node] = (w / 2.0 + 0.4 * w * a.cos(), h / 2.0 + 0.4 * h * a.sin());
    }
    let max_weight = edges.first().map_or(1, |e| e.2).max(1) as f64;
    let k = (w * h / n as f64).sqrt() * 0.9;
    let iterations = 200;
    let mut shift = vec![(0.0f64, 0.0f64); n];
    for step in 0..iterations {
        let temperature = w / 10.0 * (1.0 - step as f64 / iterations as f64) + 1.0;
        shift.iter_mut().for_each(|s| *s = (0.0, 0.0));
        for a in 0..n {
            for b in a + 1..n {
                let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let push = k * k / d2;
                shift[a].0 += dx * push;
                shift[a].1 += dy * push;
                shift[b].0 -= dx * push;
                shift[b].1 -= dy * push;
            }
        }
        for &(a, b, weight) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let pull = d / k * (0.5 + weight as f64 / max_weight);
            shift[a].0 -= dx * pull;
            shift[a].1 -= dy * pull;
            shift[b].0 += dx * pull;
            shift[b].1 += dy * pull;
        }
        for (p, s) in pos.iter_mut().zip(&shift) {
            let gravity = 0.05 * k;
            let (gx, gy) = ((w / 2.0 - p.0) * gravity / k, (h / 2.0 - p.1) * gravity / k);
            let (sx, sy) = (s.0 + gx * k, s.1 + gy * k);
            let length = (sx * sx + sy * sy).sqrt().max(0.01);
            let moved = length.min(temperature);
            p.0 += sx / length * moved;
            p.1 += sy / length * moved;
        }
    }
    // Fit the drawing to the space, with room for nodes and the first letters of labels.
    let (min_x, max_x) = pos.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let (min_y, max_y) = pos.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    let (margin_x, margin_y) = (30.0, 30.0);
    let scale_x = (w - 2.0 * margin_x) / (max_x - min_x).max(1.0);
    let scale_y = (h - 2.0 * margin_y) / (max_y - min_y).max(1.0);
    pos.iter()
        .map(|p| {
            (
                margin_x + (p.0 - min_x) * scale_x,
                margin_y + (p.1 - min_y) * scale_y,
            )
        })
        .collect()
}

/// The labelled nodes with the smallest screen tier (1 = every screen) from which their labels,
/// at each tier's width and font size, stay in the drawing and touch no other label shown
/// there, and whether the label stands left of its node. Best-connected actors first.
fn label_tiers(
    nodes: &[Node],
    edges: &[(usize, usize, usize)],
    positions: &[(f64, f64)],
) -> Vec<(usize, usize, bool)> {
    let mut degree = vec![0usize; nodes.len()];
    for &(a, b, w) in edges {
        degree[a] += w;
        degree[b] += w;
    }
    let mut ranked: Vec<usize> = (0..nodes.len()).collect();
    ranked.sort_by(|&a, &b| {
        (degree[b] + nodes[b].articles)
            .cmp(&(degree[a] + nodes[a].articles))
            .then(a.cmp(&b))
    });
    // Boxes (user units) of the labels placed for each tier so far.
    let mut placed: Vec<Vec<(f64, f64, f64, f64)>> = vec![Vec::new(); LABEL_TIERS.len()];
    let mut chosen = Vec::new();
    for node in ranked {
        let (x, y) = positions[node];
        let widths: Vec<f64> = LABEL_TIERS
            .iter()
            .map(|&(screen, font, _)| {
                (nodes[node].name.chars().count() as f64 * 0.66 * font + 8.0) * NETWORK_WIDTH
                    / screen
            })
            .collect();
        // Right of the node, unless the label would leave the drawing on the smallest screen.
        let gap = |t: usize| LABEL_OFFSET * NETWORK_WIDTH / LABEL_TIERS[t].0;
        let to_left = x + gap(0) + widths[0] > NETWORK_WIDTH;
        let boxes: Vec<(f64, f64, f64, f64)> = LABEL_TIERS
            .iter()
            .enumerate()
            .map(|(t, &(screen, font, _))| {
                let height = font * 1.35 * NETWORK_WIDTH / screen;
                let (left, right) = if to_left {
                    (x - gap(t) - widths[t], x - gap(t))
                } else {
                    (x + gap(t), x + gap(t) + widths[t])
                };
                (left, y - height / 2.0, right, y + height / 2.0)
            })
            .collect();
        let free = |t: usize| {
            let label = boxes[t];
            label.0 >= 0.0
                && label.2 <= NETWORK_WIDTH
                && placed[t].len() < LABEL_TIERS[t].2
                && !placed[t]
                    .iter()
                    .any(|b| b.0 < label.2 && label.0 < b.2 && b.1 < label.3 && label.1 < b.3)
        };
        // Shown from a tier on, a label is shown on every wider screen too: it must be free on
        // all of them.
        let tier_of = (0..LABEL_TIERS.len()).find(|&t| (t..LABEL_TIERS.len()).all(free));
        if let Some(t) = tier_of {
            for (tier, label) in placed.iter_mut().zip(&boxes).skip(t) {
                tier.push(*label);
            }
            chosen.push((node, t + 1, to_left));
        }
    }
    chosen
}

/// Orders nodes around the circle: starting from the best-connected, each next node is the one
/// most strongly tied to the last few placed, so clusters stay together. Deterministic.
fn circular_order(n: usize, edges: &[(usize, usize, usize)], nodes: &[Node]) -> Vec<usize> {
    let mut weight: HashMap<(usize, usize), usize> = HashMap::new();
    let mut degree = vec![0usize; n];
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        weight.insert((a.min(b), a.max(b)), w);
        degree[a] += w;
        degree[b] += w;
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let tie =
        |a: usize, b: usize| -> usize { weight.get(&(a.min(b), a.max(b))).copied().unwrap_or(0) };
    let mut placed = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut by_degree: Vec<usize> = (0..n).collect();
    by_degree.sort_by(|&a, &b| {
        degree[b]
            .cmp(&degree[a])
            .then(nodes[b].articles.cmp(&nodes[a].articles))
            .then(a.cmp(&b))
    });
    let mut next_unplaced = 0;
    while order.len() < n {
        let recent = &order[order.len().saturating_sub(3)..];
        // Candidates: unplaced neighbours of the recent nodes.
        let mut best: Option<(usize, usize)> = None;
        for &r in recent {
            for &c in &neighbours[r] {
                if placed[c] {
                    continue;
                }
                let score: usize = recent.iter().map(|&p| tie(p, c)).sum();
                if best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
                    best = Some((score, c));
                }
            }
        }
        let chosen = match best {
            Some((_, c)) => c,
            None => {
                while placed[by_degree[next_unplaced]] {
                    next_unplaced += 1;
                }
                by_degree[next_unplaced]
            }
        };
        placed[chosen] = true;
        order.push(chosen);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Strings {
        Strings::for_config(&crate::config::Config::default())
    }

    #[test]
    fn year_bars_fill_gaps_and_describe_themselves() {
        let href = |y: i32| Some(format!("#y{y}"));
        let svg = year_bars(&[(2016, 2), (2018, 4)], "Moon", &href, &english()).expect("drawn");
        assert_eq!(svg.matches("<title>").count(), 4, "2017 is drawn empty");
        assert!(svg.contains("<title>Articles per year on Moon: 2016: 2, 2018: 4</title>"));
        assert!(svg.contains("2017: 0 articles"));
        assert!(year_bars(&[], "x", &href, &english()).is_none());
    }

    #[test]
    fn every_bar_with_articles_links_to_its_year_and_years_are_labelled() {
        let href = |y: i32| Some(format!("#y{y}"));
        let svg = year_bars(&[(2016, 2), (2018, 4)], "Moon", &href, &english()).expect("drawn");
        assert!(svg.contains("href=\"#y2016\""));
        assert!(svg.contains("href=\"#y2018\""));
        assert!(!svg.contains("#y2017"), "an empty year links nowhere");
        for year in ["2016", "2017", "2018"] {
            assert!(svg.contains(&format!(">{year}</text>")), "{year} labelled");
        }
        // Thirty years: labels thin out so that none touch, first year always labelled.
        let many: Vec<(i32, usize)> = (1990..2020).map(|y| (y, 1)).collect();
        let svg = year_bars(&many, "X", &href, &english()).expect("drawn");
        let labels = svg.matches("</text>").count() - 1;
        assert!((3..=15).contains(&labels), "{labels} labels");
        assert!(svg.contains(">1990</text>"));
        assert_eq!(svg.matches("<a href").count(), 30);
    }

    #[test]
    fn network_places_every_node_and_keeps_strong_edges() {
        let nodes: Vec<Node> = (0..5)
            .map(|i| Node {
                name: format!("A{i}"),
                path: format!("actors/a{i}/"),
                articles: i + 1,
            })
            .collect();
        let edges = [(0, 1, 3), (1, 2, 1), (3, 4, 2)];
        let html = network(&nodes, &edges, "../", &english()).expect("drawn");
        assert_eq!(html.matches("<circle").count(), 5);
        assert_eq!(html.matches("<path").count(), 3);
        assert!(html.contains("href=\"../actors/a4/\""));
        assert!(
            html.contains("<td>A0 (3), A2 (1)</td>"),
            "A1 appears most with A0"
        );
        assert_eq!(
            html.matches("<tr>").count(),
            6,
            "a header and a row per actor"
        );
    }
}
