//! Static SVG charts made at build time (no JavaScript): articles per year on term pages, and the
//! actor network on `/actors/`. Each carries a `<title>` and a text alternative.

use std::collections::HashMap;
use std::fmt::Write;

use super::markdown::{escape_attribute, escape_text};

/// How many actors the network shows at most.
pub const NETWORK_SIZE: usize = 200;
/// How many edges (strongest first) the network draws at most.
const NETWORK_EDGES: usize = 500;

/// A bar chart of `counts` (year, articles), which must be ascending by year; missing years in
/// between are drawn as empty. `None` when there is nothing to draw.
pub fn year_bars(counts: &[(i32, usize)], subject: &str) -> Option<String> {
    let (first, last) = (counts.first()?.0, counts.last()?.0);
    let by_year: HashMap<i32, usize> = counts.iter().copied().collect();
    let years: Vec<(i32, usize)> = (first..=last)
        .map(|y| (y, by_year.get(&y).copied().unwrap_or(0)))
        .collect();
    let max = years.iter().map(|y| y.1).max().unwrap_or(0).max(1);
    let (width, height, top, bottom, left) = (320.0, 120.0, 14.0, 18.0, 4.0);
    // Bars keep a readable width: a short run of years does not stretch across the chart.
    let slot = ((width - 2.0 * left) / years.len() as f64).min(28.0);
    let bar = (slot * 0.8).max(1.0);
    let plot = height - top - bottom;
    let alternative: Vec<String> = years
        .iter()
        .filter(|y| y.1 > 0)
        .map(|(y, n)| format!("{y}: {n}"))
        .collect();
    let title = escape_text(&format!(
        "Articles per year on {subject}: {}",
        alternative.join(", ")
    ));
    let mut svg = format!(
        "<svg class=\"year-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{title}</title>",
        escape_attribute(&format!("Articles per year on {subject}: {}", alternative.join(", ")))
    );
    for (i, (year, n)) in years.iter().enumerate() {
        let h = plot * (*n as f64) / (max as f64);
        let x = left + i as f64 * slot + (slot - bar) / 2.0;
        let y = top + plot - h;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{year}: {n} article{}</title></rect>",
            if *n == 1 { "" } else { "s" }
        );
    }
    let baseline = top + plot;
    let right = left + slot * years.len() as f64;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{baseline}\" x2=\"{right:.1}\" y2=\"{baseline}\"/>"
    );
    let _ = write!(
        svg,
        "<text x=\"{left}\" y=\"{}\">{first}</text>",
        height - 4.0
    );
    if last != first {
        let _ = write!(
            svg,
            "<text x=\"{right:.1}\" y=\"{}\" text-anchor=\"end\">{last}</text>",
            height - 4.0
        );
    }
    let _ = write!(svg, "<text x=\"{left}\" y=\"10\">{max} max</text></svg>");
    Some(svg)
}

/// One actor in the network.
pub struct Node {
    pub name: String,
    /// Path from the site root.
    pub path: String,
    pub articles: usize,
}

/// The actor network: nodes on a circle, ordered so that actors who appear together sit near each
/// other, with curved edges weighted by shared articles. `edges` are (node, node, shared).
pub fn network(nodes: &[Node], edges: &[(usize, usize, usize)], root: &str) -> Option<String> {
    if nodes.len() < 2 {
        return None;
    }
    let n = nodes.len();
    let mut edges: Vec<(usize, usize, usize)> = edges.to_vec();
    edges.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    // A single shared article says little in a large book: keep repeated pairs when there are enough.
    if edges.iter().filter(|e| e.2 >= 2).count() >= n {
        edges.retain(|e| e.2 >= 2);
    }
    edges.truncate(NETWORK_EDGES);
    let order = circular_order(n, &edges, nodes);
    let mut position = vec![0usize; n];
    for (slot, &node) in order.iter().enumerate() {
        position[node] = slot;
    }
    let (size, centre) = (1000.0f64, 500.0f64);
    let radius = if n > 60 { 330.0 } else { 260.0 };
    let font = if n > 120 {
        9.0
    } else if n > 60 {
        11.0
    } else {
        13.0
    };
    let angle = |node: usize| position[node] as f64 / n as f64 * std::f64::consts::TAU;
    let point = |node: usize, r: f64| {
        let a = angle(node);
        (centre + r * a.cos(), centre + r * a.sin())
    };
    let max_articles = nodes.iter().map(|x| x.articles).max().unwrap_or(1).max(1) as f64;
    let max_weight = edges.first().map_or(1, |e| e.2).max(1) as f64;

    let mut svg = format!(
        "<svg class=\"actor-network\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-labelledby=\"network-title network-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"network-title\">Actor network</title><desc id=\"network-desc\">The {n} actors with most articles, placed on a circle so that those who appear together sit close; a line joins two actors who appear in the same articles, thicker the more articles they share. The list below gives every actor as text.</desc><g class=\"edges\">"
    );
    for &(a, b, w) in &edges {
        let (x1, y1) = point(a, radius);
        let (x2, y2) = point(b, radius);
        let strength = w as f64 / max_weight;
        let _ = write!(
            svg,
            "<path d=\"M{x1:.1},{y1:.1} Q{centre},{centre} {x2:.1},{y2:.1}\" stroke-width=\"{:.2}\" stroke-opacity=\"{:.2}\"><title>{} and {}: {w} shared article{}</title></path>",
            0.4 + 3.0 * strength,
            0.12 + 0.6 * strength,
            escape_text(&nodes[a].name),
            escape_text(&nodes[b].name),
            if w == 1 { "" } else { "s" }
        );
    }
    svg.push_str("</g><g class=\"nodes\">");
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = point(i, radius);
        let r = 2.0 + 6.0 * (node.articles as f64 / max_articles).sqrt();
        let degrees = angle(i).to_degrees();
        let (lx, ly) = point(i, radius + r + 4.0);
        // Labels read outwards; on the left half they are turned over so they are not upside down.
        let (rotation, anchor) = if degrees > 90.0 && degrees < 270.0 {
            (degrees - 180.0, "end")
        } else {
            (degrees, "start")
        };
        let _ = write!(
            svg,
            "<a href=\"{root}{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/><text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"{font}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\" transform=\"rotate({rotation:.1} {lx:.1} {ly:.1})\">{}</text><title>{}: {} article{}</title></a>",
            escape_attribute(&node.path),
            escape_text(&node.name),
            escape_text(&node.name),
            node.articles,
            if node.articles == 1 { "" } else { "s" }
        );
    }
    svg.push_str("</g></svg>");
    Some(svg)
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

    #[test]
    fn year_bars_fill_gaps_and_describe_themselves() {
        let svg = year_bars(&[(2016, 2), (2018, 4)], "Moon").expect("drawn");
        assert_eq!(svg.matches("<rect").count(), 3, "2017 is drawn empty");
        assert!(svg.contains("<title>Articles per year on Moon: 2016: 2, 2018: 4</title>"));
        assert!(svg.contains("2017: 0 articles"));
        assert!(year_bars(&[], "x").is_none());
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
        let svg = network(&nodes, &edges, "../").expect("drawn");
        assert_eq!(svg.matches("<circle").count(), 5);
        assert_eq!(svg.matches("<path").count(), 3);
        assert!(svg.contains("href=\"../actors/a4/\""));
        assert!(svg.contains("A0 and A1: 3 shared articles"));
    }
}
