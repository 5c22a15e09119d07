//! The prompts in the KV arena as a prefix tree: requests whose prompts start with the same run of
//! tokens share that run's keys and values, prefilled once.
//!
//! A node is a run of prompt tokens with its own arena range; a prompt is the path from a root to
//! its terminal node, and a row attends to the path's ranges in order (plus its own generated
//! tokens). Placing a prompt walks the tree with its token ids (never its text, so tokenisation
//! boundaries take care of themselves), shares the longest resident prefix, splits the node where
//! the prompt leaves it, and gives the rest one new node and one new range. Typical use:
//! refinement prompts of one task share the system message and the task (one node), each parent's
//! draft and feedback is a child, and each parent's samples decode over that path.
//!
//! A node lives while something holds it: request parts that end there and child nodes. Freeing
//! the last one frees the node and, when that was its parent's last hold, the parent too.
//! With sharing off, only identical prompts share (every node is a root), which is how the engine
//! worked before the tree.

use super::cache::{KvArena, Range, RangeAllocator};
use candle_core::{Result, Tensor};
use std::collections::HashMap;

/// Shorter resident prefixes are not shared: a few tokens save nothing worth another segment per
/// row (and unrelated prompts that happen to start alike stay apart).
pub const MIN_SHARED_TOKENS: usize = 16;

/// Where token runs live: the KV arena, or a bare allocator (tests).
pub trait TokenRanges {
    /// A range of `len` tokens; `None` when no free run is long enough.
    fn allocate(&mut self, len: usize) -> Result<Option<Range>>;
    /// Gives a range back.
    fn release(&mut self, range: Range);
}

impl TokenRanges for KvArena {
    fn allocate(&mut self, len: usize) -> Result<Option<Range>> {
        KvArena::allocate(self, len)
    }

    fn release(&mut self, range: Range) {
        KvArena::release(self, range)
    }
}

impl TokenRanges for RangeAllocator {
    fn allocate(&mut self, len: usize) -> Result<Option<Range>> {
        Ok(RangeAllocator::allocate(self, len))
    }

    fn release(&mut self, range: Range) {
        RangeAllocator::release(self, range)
    }
}

/// A run of prompt tokens in the arena.
pub struct PromptNode {
    /// Stable id (request parts refer to their terminal node by it).
    pub id: u64,
    /// The node before it, `None` for a root.
    pub parent: Option<u64>,
    /// Nodes that continue it.
    children: Vec<u64>,
    /// Position of its first token: the tokens of its ancestors.
    pub start: usize,
    /// Its tokens.
    pub tokens: Vec<u32>,
    /// Their arena tokens (`tokens.len()` of them).
    pub range: Range,
    /// Tokens prefilled so far.
    pub prefilled: usize,
    /// A request's prompt ends here: the logits after its last token are kept.
    pub terminal: bool,
    /// f32 logits `[1, vocab]` after the last token, once prefilled (terminal nodes only): every
    /// sample's first draw.
    pub last_logits: Option<Tensor>,
    /// Request parts ending here, plus child nodes; freed at 0.
    users: usize,
}

impl PromptNode {
    /// All its tokens are in the arena.
    pub fn is_prefilled(&self) -> bool {
        self.prefilled == self.tokens.len()
    }

    /// Tokens of the prompt up to its end (its position after the last token).
    pub fn end(&self) -> usize {
        self.start + self.tokens.len()
    }

    /// Request parts and child nodes holding it.
    pub fn users(&self) -> usize {
        self.users
    }
}

/// Where a prompt meets the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Match {
    /// Deepest node whose whole run matched (`None`: the match ends at the roots).
    whole: Option<u64>,
    /// A child of `whole` that matched partly: (node, tokens of it matched, at least 1).
    part: Option<(u64, usize)>,
    /// Prompt tokens matched.
    len: usize,
}

/// The prefix tree of an engine's prompts.
pub struct PrefixTree {
    nodes: HashMap<u64, PromptNode>,
    /// Node ids in prefill order: a node after its ancestors.
    order: Vec<u64>,
    next_id: u64,
    sharing: bool,
}

/// Tokens two runs have in common at their start.
fn common_len(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

impl PrefixTree {
    /// An empty tree; `sharing` false: only identical prompts share.
    pub fn new(sharing: bool) -> PrefixTree {
        PrefixTree {
            nodes: HashMap::new(),
            order: Vec::new(),
            next_id: 0,
            sharing,
        }
    }

    /// Whether prompts share their common prefixes (else only identical prompts share).
    pub fn sharing(&self) -> bool {
        self.sharing
    }

    /// The node `id` (which must be live).
    pub fn node(&self, id: u64) -> &PromptNode {
        self.nodes.get(&id).expect("live prompt node")
    }

    /// The node `id`, to change (which must be live).
    pub fn node_mut(&mut self, id: u64) -> &mut PromptNode {
        self.nodes.get_mut(&id).expect("live prompt node")
    }

    /// Live nodes in prefill order (each after its ancestors).
    pub fn iter(&self) -> impl Iterator<Item = &PromptNode> + '_ {
        self.order.iter().map(|id| &self.nodes[id])
    }

    /// Live nodes.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// No node is live.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Arena tokens the nodes hold (each shared token once).
    pub fn resident_tokens(&self) -> usize {
        self.nodes.values().map(|n| n.tokens.len()).sum()
    }

    /// The arena ranges of the prompt ending at `id`, root first.
    pub fn path(&self, id: u64) -> Vec<Range> {
        let mut ranges = Vec::new();
        let mut at = Some(id);
        while let Some(n) = at.map(|id| self.node(id)) {
            ranges.push(n.range);
            at = n.parent;
        }
        ranges.reverse();
        ranges
    }

    /// Every ancestor's tokens are in the arena.
    pub fn ancestors_prefilled(&self, id: u64) -> bool {
        let mut at = self.node(id).parent;
        while let Some(n) = at.map(|id| self.node(id)) {
            if !n.is_prefilled() {
                return false;
            }
            at = n.parent;
        }
        true
    }

    fn children_of(&self, parent: Option<u64>) -> Vec<u64> {
        match parent {
            Some(p) => self.node(p).children.clone(),
            None => self
                .order
                .iter()
                .copied()
                .filter(|id| self.nodes[id].parent.is_none())
                .collect(),
        }
    }

    /// The longest run of `prompt` in the tree (with sharing), or a root identical to it (without).
    fn longest_match(&self, prompt: &[u32]) -> Match {
        let none = Match {
            whole: None,
            part: None,
            len: 0,
        };
        if !self.sharing {
            return self
                .order
                .iter()
                .map(|id| &self.nodes[id])
                .find(|n| n.parent.is_none() && n.terminal && n.tokens == prompt)
                .map_or(none, |n| Match {
                    whole: Some(n.id),
                    part: None,
                    len: prompt.len(),
                });
        }
        let mut m = none;
        loop {
            let rest = &prompt[m.len..];
            let best = self
                .children_of(m.whole)
                .into_iter()
                .map(|c| (c, common_len(&self.node(c).tokens, rest)))
                // Longest; at equal length a node matched whole (it may be a terminal), then the
                // oldest.
                .max_by_key(|&(c, l)| (l, l == self.node(c).tokens.len(), std::cmp::Reverse(c)));
            match best {
                Some((c, l)) if l > 0 && l == self.node(c).tokens.len() => {
                    m.whole = Some(c);
                    m.len += l;
                }
                Some((c, l)) if l > 0 => {
                    m.part = Some((c, l));
                    m.len += l;
                    return m;
                }
                _ => return m,
            }
        }
    }

    /// What a new prompt would share: the match, cut so that the prompt's last position gets
    /// logits (a whole match must end at a terminal node; otherwise the last token is the
    /// prompt's own), and dropped when shorter than [`MIN_SHARED_TOKENS`].
    fn shared_match(&self, prompt: &[u32]) -> Match {
        let mut m = self.longest_match(prompt);
        let whole_at_terminal =
            m.part.is_none() && m.whole.is_some_and(|id| self.node(id).terminal);
        if m.len == prompt.len() && !whole_at_terminal {
            // Give back the last token.
            m.len -= 1;
            m.part = match m.part {
                Some((c, l)) => Some((c, l - 1)),
                None => {
                    let last = self.node(m.whole.expect("a whole match of a non-empty prompt"));
                    m.whole = last.parent;
                    Some((last.id, last.tokens.len() - 1))
                }
            }
            .filter(|&(_, l)| l > 0);
        }
        if m.len == 0 || m.len < MIN_SHARED_TOKENS.min(prompt.len()) {
            return Match {
                whole: None,
                part: None,
                len: 0,
            };
        }
        m
    }

    /// Prompt tokens a request with `prompt` would find in the arena (what [`PrefixTree::insert`]
    /// would share).
    pub fn resident(&self, prompt: &[u32]) -> usize {
        self.shared_match(prompt).len
    }

    /// Places `prompt`: shares its longest resident prefix and gives the rest a new node with a
    /// range of `arena`. Returns the terminal node (not yet held: see [`PrefixTree::hold`]), or
    /// `None`, with nothing changed, when the arena has no free run long enough.
    pub fn insert(&mut self, prompt: &[u32], arena: &mut impl TokenRanges) -> Result<Option<u64>> {
        let m = self.shared_match(prompt);
        if m.len == prompt.len() {
            return Ok(m.whole);
        }
        let rest = &prompt[m.len..];
        let Some(range) = arena.allocate(rest.len())? else {
            return Ok(None);
        };
        let parent = match m.part {
            Some((node, at)) => Some(self.split(node, at)),
            None => m.whole,
        };
        let id = self.next_id;
        self.next_id += 1;
        self.nodes.insert(
            id,
            PromptNode {
                id,
                parent,
                children: Vec::new(),
                start: m.len,
                tokens: rest.to_vec(),
                range,
                prefilled: 0,
                terminal: true,
                last_logits: None,
                users: 0,
            },
        );
        if let Some(p) = parent {
            let p = self.node_mut(p);
            p.children.push(id);
            p.users += 1;
        }
        self.order.push(id);
        Ok(Some(id))
    }

    /// Cuts `id` after `at` of its tokens into a new head node (returned) and itself as the tail,
    /// so the ids that request parts hold stay valid.
    fn split(&mut self, id: u64, at: usize) -> u64 {
        let head_id = self.next_id;
        self.next_id += 1;
        let tail = self.node_mut(id);
        debug_assert!(at > 0 && at < tail.tokens.len());
        let head = PromptNode {
            id: head_id,
            parent: tail.parent,
            children: vec![id],
            start: tail.start,
            tokens: tail.tokens[..at].to_vec(),
            range: Range {
                start: tail.range.start,
                len: at,
            },
            prefilled: tail.prefilled.min(at),
            terminal: false,
            last_logits: None,
            users: 1,
        };
        tail.parent = Some(head_id);
        tail.start += at;
        tail.tokens.drain(..at);
        tail.range = Range {
            start: tail.range.start + at,
            len: tail.range.len - at,
        };
        tail.prefilled = tail.prefilled.saturating_sub(at);
        if let Some(p) = head.parent {
            for c in &mut self.node_mut(p).children {
                if *c == id {
                    *c = head_id;
                }
            }
        }
        self.nodes.insert(head_id, head);
        let i = self
            .order
            .iter()
            .position(|&n| n == id)
            .expect("node in order");
        self.order.insert(i, head_id);
        head_id
    }

    /// One more request part ends at `id`.
    pub fn hold(&mut self, id: u64) {
        self.node_mut(id).users += 1;
    }

    /// A request part that ended at `id` is done with it (the node is freed by
    /// [`PrefixTree::free_unused`]).
    pub fn unhold(&mut self, id: u64) {
        let n = self.node_mut(id);
        debug_assert!(n.users > 0);
        n.users = n.users.saturating_sub(1);
    }

    /// Frees every node nothing holds (and ancestors left without holders), giving their ranges
    /// back to `arena`. Returns the tokens freed.
    pub fn free_unused(&mut self, arena: &mut impl TokenRanges) -> usize {
        let mut freed = 0;
        // Children come after their parents: one backward pass frees whole chains.
        let mut i = self.order.len();
        while i > 0 {
            i -= 1;
            let id = self.order[i];
            if self.nodes[&id].users > 0 {
                continue;
            }
            let node = self.nodes.remove(&id).expect("node in order");
            self.order.remove(i);
            arena.release(node.range);
            freed += node.range.len;
            if let Some(p) = node.parent {
                let p = self.node_mut(p);
                p.children.retain(|&c| c != id);
                p.users -= 1;
            }
        }
        freed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(start: u32, len: usize) -> Vec<u32> {
        (start..start + len as u32).collect()
    }

    fn prompt(parts: &[&[u32]]) -> Vec<u32> {
        parts.concat()
    }

    /// Places and holds a prompt, returning its terminal node.
    fn place(tree: &mut PrefixTree, a: &mut RangeAllocator, p: &[u32]) -> u64 {
        let id = tree.insert(p, a).unwrap().expect("room");
        tree.hold(id);
        id
    }

    /// The prompt a node's path spells.
    fn spelled(tree: &PrefixTree, id: u64) -> Vec<u32> {
        let mut chain = Vec::new();
        let mut at = Some(id);
        while let Some(n) = at.map(|i| tree.node(i)) {
            chain.push(n.tokens.clone());
            at = n.parent;
        }
        chain.reverse();
        chain.concat()
    }

    #[test]
    fn shares_the_longest_prefix_splits_and_frees_after_the_last_user() {
        let mut a = RangeAllocator::new(10_000);
        let mut tree = PrefixTree::new(true);
        let (task, d1, d2, d3) = (run(1000, 100), run(1, 30), run(40, 20), run(70, 25));
        let p1 = prompt(&[&task, &d1]);
        let p2 = prompt(&[&task, &d2]);
        // Shares the task part and the first 10 tokens of draft 1.
        let p3 = prompt(&[&task, &d1[..10], &d3]);

        assert_eq!(tree.resident(&p1), 0);
        let n1 = place(&mut tree, &mut a, &p1);
        assert_eq!(a.free_tokens(), 10_000 - 130);
        assert_eq!(tree.resident(&p2), 100);
        let n2 = place(&mut tree, &mut a, &p2);
        // One node for the task, one per draft; the task's tokens are counted once.
        assert_eq!(tree.len(), 3);
        assert_eq!(a.free_tokens(), 10_000 - 150);
        assert_eq!(tree.resident_tokens(), 150);
        assert_eq!(tree.resident(&p3), 110);
        let n3 = place(&mut tree, &mut a, &p3);
        assert_eq!(tree.len(), 5, "draft 1 split after 10 tokens");
        assert_eq!(a.free_tokens(), 10_000 - 175);
        for (id, p) in [(n1, &p1), (n2, &p2), (n3, &p3)] {
            assert_eq!(&spelled(&tree, id), p);
            let path = tree.path(id);
            assert_eq!(path.iter().map(|r| r.len).sum::<usize>(), p.len());
            assert_eq!(tree.node(id).end(), p.len());
        }
        // Request parts hold their terminal nodes; the ids they hold survived the split.
        assert_eq!(tree.node(n1).start, 110);
        assert_eq!(tree.path(n1)[0], tree.path(n2)[0]);
        // Every node comes after its parent.
        let order: Vec<u64> = tree.iter().map(|n| n.id).collect();
        for n in tree.iter() {
            if let Some(p) = n.parent {
                let pos = |x| order.iter().position(|&o| o == x).unwrap();
                assert!(pos(p) < pos(n.id));
            }
        }

        // The first request leaves: only its own tail goes.
        tree.unhold(n1);
        assert_eq!(tree.free_unused(&mut a), 20);
        assert_eq!(tree.len(), 4);
        tree.unhold(n3);
        // Draft 3's node, then the now unused 10-token head of draft 1.
        assert_eq!(tree.free_unused(&mut a), 35);
        assert_eq!(tree.len(), 2);
        tree.unhold(n2);
        assert_eq!(tree.free_unused(&mut a), 120);
        assert!(tree.is_empty());
        assert_eq!(a.free_tokens(), 10_000, "no leak");

        // Reuse after release: nothing resident, so nothing shared; then shared again.
        assert_eq!(tree.resident(&p2), 0);
        let m2 = place(&mut tree, &mut a, &p2);
        assert_eq!(tree.resident(&p1), 100);
        let m1 = place(&mut tree, &mut a, &p1);
        assert_eq!(a.free_tokens(), 10_000 - 150);
        tree.unhold(m1);
        tree.unhold(m2);
        tree.free_unused(&mut a);
        assert_eq!(a.free_tokens(), 10_000);
    }

    #[test]
    fn identical_prompts_share_their_terminal_and_prefixes_keep_a_last_token_of_their_own() {
        let mut a = RangeAllocator::new(1000);
        let mut tree = PrefixTree::new(true);
        let long = run(0, 60);
        let n = place(&mut tree, &mut a, &long);
        assert_eq!(tree.resident(&long), 60);
        assert_eq!(place(&mut tree, &mut a, &long), n);
        assert_eq!(tree.node(n).users(), 2);
        // A strict prefix: its last position's logits were never computed (the node is not
        // terminal there), so its last token is prefilled again as its own node.
        let short = run(0, 40);
        assert_eq!(tree.resident(&short), 39);
        let s = place(&mut tree, &mut a, &short);
        assert_eq!(tree.node(s).tokens, vec![39]);
        assert_eq!(tree.node(s).start, 39);
        assert_eq!(spelled(&tree, s), short);
        assert_eq!(spelled(&tree, n), long);
        // Now the 40-token prompt has a terminal node; the same prompt shares it whole.
        assert_eq!(tree.resident(&short), 40);
        // Fewer than MIN_SHARED_TOKENS in common: not shared.
        let other = prompt(&[&run(0, 10), &run(500, 30)]);
        assert_eq!(tree.resident(&other), 0);
        let o = place(&mut tree, &mut a, &other);
        assert!(tree.node(o).parent.is_none());
        for id in [n, n, s, o] {
            tree.unhold(id);
        }
        tree.free_unused(&mut a);
        assert!(tree.is_empty());
        assert_eq!(a.free_tokens(), 1000);
    }

    #[test]
    fn without_sharing_only_identical_prompts_share() {
        let mut a = RangeAllocator::new(1000);
        let mut tree = PrefixTree::new(false);
        let p1 = run(0, 100);
        let p2 = prompt(&[&run(0, 90), &run(900, 10)]);
        let n1 = place(&mut tree, &mut a, &p1);
        assert_eq!(tree.resident(&p2), 0);
        let n2 = place(&mut tree, &mut a, &p2);
        assert_eq!(tree.resident(&p1), 100);
        assert_eq!(place(&mut tree, &mut a, &p1), n1);
        assert_eq!(a.free_tokens(), 800);
        assert!(tree.iter().all(|n| n.parent.is_none()));
        for id in [n1, n1, n2] {
            tree.unhold(id);
        }
        tree.free_unused(&mut a);
        assert_eq!(a.free_tokens(), 1000);
    }

    #[test]
    fn a_split_keeps_what_was_prefilled_and_no_room_changes_nothing() {
        let mut a = RangeAllocator::new(200);
        let mut tree = PrefixTree::new(true);
        let p1 = run(0, 100);
        let n1 = place(&mut tree, &mut a, &p1);
        tree.node_mut(n1).prefilled = 70;
        let p2 = prompt(&[&run(0, 50), &run(300, 20)]);
        let n2 = place(&mut tree, &mut a, &p2);
        let head = tree.node(n2).parent.unwrap();
        assert_eq!(tree.node(head).prefilled, 50);
        assert!(tree.node(head).is_prefilled());
        assert_eq!(tree.node(n1).prefilled, 20);
        assert!(tree.ancestors_prefilled(n2) && tree.ancestors_prefilled(n1));
        // 80 tokens left: a prompt needing 90 new ones does not fit, and the tree is unchanged.
        let p3 = prompt(&[&run(0, 30), &run(600, 90)]);
        let before = tree.len();
        assert_eq!(tree.insert(&p3, &mut a).unwrap(), None);
        assert_eq!(tree.len(), before);
        assert_eq!(a.free_tokens(), 80);
    }
}
