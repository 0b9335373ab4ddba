-- Our transcription of ept/hermitage, mysql.md: repeatable read prevents
-- Read Skew (G-single), tested with predicate dependencies.
-- anomaly: G-single
-- level: rr
-- prevented: yes
-- read-only
set session transaction isolation level repeatable read; begin; -- T1
set session transaction isolation level repeatable read; begin; -- T2
select * from test where value % 5 = 0; -- T1
update test set value = 12 where value = 10; -- T2
commit; -- T2
select * from test where value % 3 = 0; -- T1 [-> (no rows)] [anomaly unless (no rows)]
commit; -- T1
