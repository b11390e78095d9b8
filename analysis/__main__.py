"""`python -m analysis [DATA_DIR]`: build every layer of a data folder and print their sizes;
`python -m analysis --tone-benchmark`: rebuild and print the tone benchmark."""
import sys

from .study import main

sys.exit(main())
