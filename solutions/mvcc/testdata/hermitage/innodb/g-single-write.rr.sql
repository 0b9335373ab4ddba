-- Our transcription of ept/hermitage, mysql.md: repeatable read does not
-- prevent Read Skew (G-single) on a write predicate: T1's delete reads
-- the newest versions and deletes nothing, then its read shows 2 => 20.
-- anomaly: G-single
-- level: rr
-- prevented: no
set session transaction isolation level repeatable read; begin; -- T1
set session transaction isolation level repeatable read; begin; -- T2
select * from test where id = 1; -- T1 [-> 1 => 10]
select * from test; -- T2
update test set value = 12 where id = 1; -- T2
update test set value = 18 where id = 2; -- T2
commit; -- T2
delete from test where value = 20; -- T1
select * from test where id = 2; -- T1 [-> 2 => 20] [anomaly unless (no rows)]
commit; -- T1
