-- Our transcription of ept/hermitage, mysql.md: repeatable read does not
-- prevent Write Skew (G2-item).
-- anomaly: G2-item
-- level: rr
-- prevented: no
set session transaction isolation level repeatable read; begin; -- T1
set session transaction isolation level repeatable read; begin; -- T2
select * from test where id in (1,2); -- T1
select * from test where id in (1,2); -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 21 where id = 2; -- T2
commit; -- T1 [anomaly if committed]
commit; -- T2 [anomaly if committed]
