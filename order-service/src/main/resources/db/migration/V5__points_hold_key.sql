-- The key (and business reference) of this placement's points hold: order:<id>:points-hold:<placement>. A
-- fresh placement per order row, because a checkout abandoned before it learnt whether its hold was placed
-- voids that hold's reference for ever; a retry of the same request, which records the order anew, must be
-- able to ask for a hold again. NULL for orders without points and for orders placed before this column.
ALTER TABLE customer_order ADD COLUMN points_hold_key VARCHAR(255);
