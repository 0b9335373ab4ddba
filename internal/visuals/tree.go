package visuals

import "tutor/internal/visuals/treeviz"

func init() { register(30, treeviz.New()) }
