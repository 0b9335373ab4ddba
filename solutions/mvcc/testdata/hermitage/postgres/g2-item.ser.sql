-- Our transcription of ept/hermitage, postgres.md: serializable prevents
-- Write Skew (G2-item).
-- anomaly: G2-item
-- level: ser
-- prevented: yes
begin; set transaction isolation level serializable; -- T1
begin; set transaction isolation level serializable; -- T2
select * from test where id in (1,2); -- T1
select * from test where id in (1,2); -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 21 where id = 2; -- T2
commit; -- T1 [anomaly if committed]
commit; -- T2 [error: could not serialize access due to read/write dependencies among transactions] [anomaly if committed]
